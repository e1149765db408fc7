if header :comparator "i;ascii-casemap" :matches "from" "*EXAMPLE.ORG>" { discard; }
