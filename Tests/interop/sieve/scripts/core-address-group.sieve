if address :is "to" "" { discard; }
