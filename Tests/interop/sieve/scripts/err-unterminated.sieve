if header :is "subject" "abc { discard; }
