require ["date", "fileinto", "variables"];
if date :originalzone :matches "date" "minute" "*" { set "mi" "${0}"; }
if date :originalzone :matches "date" "second" "*" { set "se" "${0}"; }
fileinto "${mi}m${se}s";
