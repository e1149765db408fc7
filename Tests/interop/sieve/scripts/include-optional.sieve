require ["include"];
include :optional "does-not-exist";
discard;
