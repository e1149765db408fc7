require "date";
if date :matches "x-missing" "year" "*" { discard; }
