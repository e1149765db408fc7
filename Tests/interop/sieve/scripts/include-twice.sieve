require ["include", "fileinto"];
include "counter";
include "counter";
