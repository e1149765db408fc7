require "comparator-i;ascii-casemap";
if header :is :comparator "i;ascii-casemap" "x-spam-flag" "yes" { discard; }
