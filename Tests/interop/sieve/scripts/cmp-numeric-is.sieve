require "comparator-i;ascii-numeric";
if header :is :comparator "i;ascii-numeric" "x-count" "42" { discard; }
