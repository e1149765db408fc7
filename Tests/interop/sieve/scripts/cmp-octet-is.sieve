require "comparator-i;octet";
if header :is :comparator "i;octet" "x-spam-flag" "YES" { discard; }
