"""Audio codecs: the BiCodec token decoder, its streaming chunk planner and the decode worker."""
