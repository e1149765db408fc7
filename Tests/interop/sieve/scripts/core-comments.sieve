/* bracketed
   comment */ # hash comment
if /* inline */ true { discard; } # trailing
