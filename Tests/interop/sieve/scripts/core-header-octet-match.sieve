if header :comparator "i;octet" :is "subject" "[dev] Release 2.0 is out" { discard; }
