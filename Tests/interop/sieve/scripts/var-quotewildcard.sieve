require ["variables"];
set :quotewildcard "q" "[dev]*";
if header :matches "subject" "${q}" { discard; }
