require ["date", "fileinto", "variables"];
if date :originalzone :matches "date" "date" "*" { set "d" "${0}"; }
if date :originalzone :matches "date" "time" "*" { set "t" "${0}"; }
fileinto "${d}_${t}";
