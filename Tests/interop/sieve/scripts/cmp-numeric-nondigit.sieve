require "comparator-i;ascii-numeric";
if header :is :comparator "i;ascii-numeric" "subject" "abc" { discard; }
