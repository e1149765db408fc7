if header :contains "from" "Émile" { discard; }
