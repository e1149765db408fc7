if address :matches "from" "*@*.test" { discard; }
