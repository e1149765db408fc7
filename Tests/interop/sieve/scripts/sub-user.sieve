require "subaddress";
if address :user :is "from" "bob" { discard; }
