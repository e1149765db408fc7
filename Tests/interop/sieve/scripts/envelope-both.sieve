require "envelope";
if envelope :contains ["from", "to"] "example" { discard; }
