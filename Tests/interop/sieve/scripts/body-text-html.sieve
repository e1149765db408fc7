require "body";
if body :text :contains "rapport" { discard; }
