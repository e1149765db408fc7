require ["editheader", "fileinto", "index"];
addheader :last "X-Tag" "last";
addheader "X-Tag" "first";
if header :index 1 :is "x-tag" "first" { fileinto "First"; }
