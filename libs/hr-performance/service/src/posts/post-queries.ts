import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@serviceledger/platform/core';
import { Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { Post } from '@serviceledger/hr-performance/domain';
import { POSTS_PROJECTION, PostRow } from './posts.projection';
import { PostListQuery } from './post.dto';

export type PostView = Post & { updatedAt: string };

/** Posts, their duties, every version of their recruitment standards and their onboarding programme: no personal data, so anyone with `hr:read` reads them. */
@Injectable()
export class PostQueries {
  constructor(private readonly readModels: ReadModels) {}

  async list(query: PostListQuery): Promise<Page<PostView>> {
    await this.readModels.after(POSTS_PROJECTION, query);
    const builder = this.rows().createQueryBuilder('p');
    if (query.department) builder.where('p.departmentId = :department', { department: query.department });
    const [rows, total] = await builder
      .orderBy('p.departmentId', 'ASC')
      .addOrderBy('p.postId', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(view), page: query.page, pageSize: query.pageSize, total };
  }

  async detail(postId: string, after: ReadAfter | undefined): Promise<PostView> {
    await this.readModels.after(POSTS_PROJECTION, after);
    const row = await this.rows().findOneBy({ postId });
    if (!row) throw new NotFoundError('Post', postId);
    return view(row);
  }

  /** Every post, by id: for the training matrix. */
  async byId(): Promise<Map<string, Post>> {
    const rows = await this.rows().find();
    return new Map(rows.map((row) => [row.postId, JSON.parse(row.state) as Post]));
  }

  private rows() {
    return this.readModels.repository<PostRow>(POSTS_PROJECTION, 'post');
  }
}

function view(row: PostRow): PostView {
  return { ...(JSON.parse(row.state) as Post), updatedAt: row.updatedAt };
}
