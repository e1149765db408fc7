require ["variables"];
set "h" "subject";
if header :contains "${h}" "budget" { discard; }
