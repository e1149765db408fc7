# to: me+@example.com
require ["subaddress", "envelope"];
if envelope :detail :is "to" "" { discard; }
