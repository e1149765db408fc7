require ["variables", "fileinto"];
set :lower :upperfirst "name" "JOHN";
fileinto "${name}";
