if header :matches "subject" "*\\*" { discard; }
