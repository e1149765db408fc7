if size :over "abc" { discard; }
