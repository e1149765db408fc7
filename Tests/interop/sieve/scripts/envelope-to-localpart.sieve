require "envelope";
if envelope :localpart :is "to" "me" { discard; }
