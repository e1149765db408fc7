# to: me+work@example.com
require ["subaddress", "envelope"];
if envelope :user :is "to" "me" { discard; }
