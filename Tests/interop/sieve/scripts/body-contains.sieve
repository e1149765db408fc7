require "body";
if body :contains "budget" { discard; }
