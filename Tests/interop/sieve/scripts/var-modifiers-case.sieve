require ["variables", "fileinto"];
set :upper "a" "loud";
set :lower "b" "QUIET";
set :upperfirst "c" "title";
set :lowerfirst "d" "CAMEL";
fileinto "${a}-${b}-${c}-${d}";
