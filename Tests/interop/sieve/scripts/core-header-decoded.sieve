if header :contains "subject" "gestion été" { discard; }
