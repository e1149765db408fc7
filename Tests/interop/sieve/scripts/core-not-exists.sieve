if not exists "x-spam-flag" { discard; }
