if header :matches "subject" "*budget" { discard; }
