require ["variables", "fileinto"];
set "box" "Projects";
fileinto "${box}";
