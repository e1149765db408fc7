require "subaddress";
if address :detail :is "from" "lists" { discard; }
