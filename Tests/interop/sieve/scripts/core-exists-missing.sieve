if exists ["From", "X-Missing"] { discard; }
