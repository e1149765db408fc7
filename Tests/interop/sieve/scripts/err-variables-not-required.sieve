set "a" "b";
