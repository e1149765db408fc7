if header :comparator "i;octet" :contains "subject" "Budget" { discard; }
