require ["variables"];
set "who" "boss";
redirect "${who}@example.com";
