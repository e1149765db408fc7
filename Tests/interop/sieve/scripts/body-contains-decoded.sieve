require "body";
if body :contains "l'été" { discard; }
