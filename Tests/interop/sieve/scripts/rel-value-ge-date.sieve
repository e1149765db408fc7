require "relational";
if header :value "ge" "date" "Wed" { discard; }
