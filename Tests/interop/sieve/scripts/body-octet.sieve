require "body";
if body :comparator "i;octet" :contains "Click" { discard; }
