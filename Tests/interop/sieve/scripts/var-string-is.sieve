require ["variables"];
set "a" "x";
if string :is "${a}" "x" { discard; }
