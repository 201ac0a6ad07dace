import { Controller } from '@nestjs/common';
import { Input, Route, type RouteInput } from '../http/route-contract';
import { storyRoutes } from './stories.schema';
import { StoryReaderService } from './story-reader.service';

@Controller()
export class StoriesController {
  constructor(private readonly stories: StoryReaderService) {}

  @Route(storyRoutes.list)
  list(@Input() { query }: RouteInput<typeof storyRoutes.list>) {
    return this.stories.list(query);
  }

  @Route(storyRoutes.get)
  get(@Input() { params }: RouteInput<typeof storyRoutes.get>) {
    return this.stories.get(params.id);
  }
}
