if size :over 700 { discard; }
