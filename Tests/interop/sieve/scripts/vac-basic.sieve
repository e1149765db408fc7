require "vacation";
vacation "I am on holiday until Monday.";
