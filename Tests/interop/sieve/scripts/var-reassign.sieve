require ["variables", "fileinto"];
set "a" "one";
set "a" "${a}-two";
fileinto "${a}";
