require "body";
if body :matches "*claim your prize*" { discard; }
