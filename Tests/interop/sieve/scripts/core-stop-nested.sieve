if true { if true { stop; } }
discard;
