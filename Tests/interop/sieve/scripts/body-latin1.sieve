require "body";
if body :contains "Café" { discard; }
