require "envelope";
if envelope :domain :is "from" "lottery.test" { discard; }
