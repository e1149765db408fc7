if header :contains "x-nonexistent" "" { discard; }
