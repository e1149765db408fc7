require "relational";
if header :value "xx" "subject" "a" { discard; }
