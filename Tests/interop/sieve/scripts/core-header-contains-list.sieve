if header :contains ["subject", "x-mailer"] ["release", "mailer"] { discard; }
